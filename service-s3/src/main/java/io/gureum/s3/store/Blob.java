package io.gureum.s3.store;

/** A file of object bytes under the data directory, named by a generated ID. */
public record Blob(String id, long size) {
}
