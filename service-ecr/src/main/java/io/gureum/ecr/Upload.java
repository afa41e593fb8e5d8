package io.gureum.ecr;

import java.io.ByteArrayOutputStream;

/** A layer upload in progress: the parts received so far, in order. */
final class Upload {
    final String id;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();

    Upload(String id) {
        this.id = id;
    }
}
