"""Near-duplicate search over units: MinHash signatures of normalised token shingles
(numpy on CPU, cupy on GPU, bit-identical), LSH banding, zarr storage (``minhash``)."""
