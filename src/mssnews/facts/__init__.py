"""The facts as result objects (models), and the JSON Schema of their JSON form."""
