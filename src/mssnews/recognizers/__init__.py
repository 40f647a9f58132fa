"""The recognizers: one module per fact kind (people, money, sentences, document counts,
dates, charges), the linker that ties facts to people, and the value normalisers they share."""
