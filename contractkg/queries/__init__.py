"""Named SPARQL queries (.rq files beside this module) and their runner."""
