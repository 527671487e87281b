"""Contract property tests over version pairs, and the kit users run on their own specs."""
