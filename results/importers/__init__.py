"""Reading race reports (one parser per format) and writing them (one writer)."""
