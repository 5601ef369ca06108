"""Who is calling: an API key from ``Authorization: Bearer`` or ``X-API-Key``, and its budget."""

import math
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from embargo.api.config import ApiConfig
from embargo.api.keys import ApiKey, KeyStore
from embargo.api.limits import SharedRateLimiter

bearer_scheme = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
header_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, description="X-API-Key: <key>")


@dataclass(frozen=True)
class Caller:
    key: ApiKey | None  # None when the server runs with authentication off


class Guard:
    """Checks the key on each request and spends from its token bucket."""

    def __init__(self, config: ApiConfig):
        self.config = config
        self.keys = KeyStore(config.keys_path) if config.auth else None
        self.limiter = SharedRateLimiter(config.buckets_path, config.rate, config.burst)

    def dependency(self):
        async def caller(
            bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
            api_key: Annotated[str | None, Depends(header_scheme)],
        ) -> Caller:
            if self.keys is None:
                return Caller(None)
            secret = (bearer.credentials if bearer else None) or api_key
            if not secret:
                raise HTTPException(
                    401,
                    detail="missing API key: send 'Authorization: Bearer <key>' or "
                    "'X-API-Key: <key>' (create one with `embargo keys create NAME`)",
                    headers={"WWW-Authenticate": "Bearer"},
                )
            key = self.keys.lookup(secret)
            if key is None:
                raise HTTPException(
                    401,
                    detail="invalid or revoked API key",
                    headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
                )
            found = Caller(key)
            self.charge(found, 1)
            return found

        return caller

    def charge(self, caller: Caller, cost: int) -> None:
        """Spend ``cost`` tokens of the caller's bucket, or answer 429 with Retry-After."""
        key = caller.key
        if key is None or cost <= 0:
            return
        rate = key.rate or self.config.rate
        burst = key.burst or self.config.burst
        if cost > burst:
            raise HTTPException(
                429,
                detail=f"this request costs {cost} tokens but key {key.id} holds at most {burst}; "
                "send fewer queries per call",
            )
        wait = self.limiter.take(key.id, cost, rate, burst)
        if wait > 0:
            raise HTTPException(
                429,
                detail=f"rate limit for key {key.id}: {rate:g} queries/s, burst {burst}; "
                f"retry in {wait:.2f}s",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
