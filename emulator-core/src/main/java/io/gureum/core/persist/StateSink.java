package io.gureum.core.persist;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where a service writes its state for a shared snapshot ({@code POST /_gureum/state/export}): its records,
 * as {@code capture} passes them, and the bytes of the files those records name (S3's object bytes), which
 * a data-directory snapshot leaves in their files but a file handed to another machine must carry.
 */
public interface StateSink {

    /** Whether the export takes the state of {@code account} ({@code ?accounts=}); always true without a filter. */
    boolean includes(String account);

    /** One record; records of accounts the export leaves out are dropped here. */
    void record(StateRecord record);

    /**
     * The bytes of a file a record names, {@code size} bytes read from {@code bytes} (which this call closes).
     * Written before the record that names it, so an import has the bytes in place when the record arrives.
     */
    void file(String name, long size, InputStream bytes) throws IOException;
}
