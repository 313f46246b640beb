"""Settings: every knob is an HMS_* environment variable."""

from __future__ import annotations

import secrets
from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HMS_", extra="ignore")

    database_url: str | None = None
    redis_url: str | None = None
    data_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    jwt_secret: str | None = None
    access_token_minutes: int = 15
    refresh_token_days: int = 7
    # A refresh token presented again within this many seconds of its rotation is
    # answered 401 without revoking the family: two tabs racing one refresh are not theft.
    refresh_reuse_grace_seconds: int = 10
    login_limit_per_account: str = "5/minute"
    login_limit_per_ip: str = "30/minute"
    # A steady pool: overflow connections are opened and closed per burst (bench: +35 %
    # uncached reads with 20/0 over 10/10).
    db_pool_size: int = 20
    db_max_overflow: int = 0
    cache_enabled: bool = True
    cache_l1_ttl_seconds: float = 60.0
    cache_l1_max_items: int = 20_000
    cache_l2_ttl_seconds: int = 600
    # Small, frequent audit flushes: at 4,000 reads/s, 0.2 s / 500-row batches gave a cached-read
    # p99 of 128 ms, 0.02 s / 100 rows gave 4 ms (bench/RESULTS.md), and the loss window shrinks.
    audit_flush_interval_seconds: float = 0.02
    audit_flush_batch: int = 100
    max_body_bytes: int = 1_000_000
    # A prescription Idempotency-Key replays its first result for this long; after it the
    # key is forgotten (its row deleted) and may be used again.
    idempotency_ttl_hours: int = Field(default=24, ge=1)
    max_page_size: int = 100
    redis_channel_prefix: str = "hms"
    # The replay log of live events, one Redis stream per hospital: a client that reconnects
    # within it gets what it missed; beyond it (older or further back) it is told to reload.
    event_log_max_len: int = Field(default=10_000, ge=1)
    event_log_max_age_seconds: int = Field(default=3_600, ge=1)
    seed_demo: bool = True
    web_dir: Path | None = None
    log_level: str = "info"
    cors_origins: list[str] = Field(default_factory=list)

    def secret(self) -> str:
        """The JWT signing key; generated once and kept in the data dir when not set."""
        if self.jwt_secret:
            return self.jwt_secret
        path = self.data_dir / "jwt-secret"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        self.jwt_secret = path.read_text().strip()
        return self.jwt_secret


@lru_cache
def get_settings() -> Settings:
    return Settings()
