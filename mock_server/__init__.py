"""The versioned mock server: every API version served from the head implementation."""
