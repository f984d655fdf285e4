"""The post-processing rules, one module per stage; :mod:`incidents.pipeline.stages` orders
them."""
