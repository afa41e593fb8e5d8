package io.gureum.ecr;

import java.nio.file.Path;

/**
 * A layer upload of the ECR API in progress: the parts received so far, in order, in a file of the
 * {@link LayerStore} (never in the heap past the request that brought them). {@code --data-dir} records its size
 * after each part ({@link EcrRecords}).
 */
final class Upload {
    final String id;
    final Path file;
    /** The bytes received so far. */
    long size;
    /**
     * ECR Public's part limits: the parts received, the last one's size, and whether a part before the last was
     * under the minimum part size (LayerPartTooSmallException when the upload completes).
     */
    int parts;
    long lastPartSize;
    boolean smallPart;

    Upload(String id, Path file, long size) {
        this.id = id;
        this.file = file;
        this.size = size;
    }
}
