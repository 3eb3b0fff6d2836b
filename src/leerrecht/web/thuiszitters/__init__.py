"""The thuiszitter register, the samenwerkingsverband (SWV) overviews and the yearly figures."""
