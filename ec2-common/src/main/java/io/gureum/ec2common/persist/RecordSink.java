package io.gureum.ec2common.persist;

/** Where a family writes its records: kind, key and the value to write as JSON ({@link FieldJson}). */
@FunctionalInterface
public interface RecordSink {
    void accept(String kind, String key, Object value);
}
