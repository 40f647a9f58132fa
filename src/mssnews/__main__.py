from mssnews.entry import main

main()
