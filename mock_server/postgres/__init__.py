"""The PostgreSQL store: many sandbox instances sharing one database (issue 18)."""

from mock_server.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
