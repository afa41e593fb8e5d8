package io.gureum.ecr;

/**
 * A layer (or image config) blob uploaded to a repository, known by the sha256 digest of its bytes; the bytes are in
 * the {@link LayerStore}.
 */
record Layer(String digest, long size) {
}
