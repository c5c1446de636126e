"""Recognition and linking of names (gazetteer, statistical model, patterns). Importing registers stages."""
