package io.gureum.s3;

import io.gureum.core.spi.OperationCall;
import io.gureum.core.spi.OperationInterceptor;
import io.gureum.s3.store.Bucket;
import io.gureum.s3.store.S3Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;

/**
 * Records what an S3 operation changed ({@code --data-dir}): after a bucket-level write its bucket, after
 * an object write each key it names, after a multipart operation the key's uploads; then lets the blob
 * files the operation replaced go once those records are durable. Reads record nothing.
 */
final class S3RecordsInterceptor implements OperationInterceptor {
    private final S3Store store;
    private final S3Records records;
    private final Buckets buckets;

    S3RecordsInterceptor(S3Store store, S3Records records, Buckets buckets) {
        this.store = store;
        this.records = records;
        this.buckets = buckets;
    }

    @Override
    public Object intercept(OperationCall call) throws Exception {
        if (!records.enabled() || !writes(call.operation())) {
            return call.proceed();
        }
        String bucketName = buckets.resolve(member(call.request(), "Bucket"));
        Bucket before = bucketName == null ? null : store.buckets.get(bucketName);
        try {
            return call.proceed();
        } finally {
            // A failed write may have changed part of the state (a conditional write lost its race after
            // storing bytes): the current state is recorded either way.
            record(call.operation(), call.request(), before);
            store.blobs.releaseGarbage(records.durableForThread());
        }
    }

    private static boolean writes(String operation) {
        return !(operation.startsWith("Get") || operation.startsWith("Head") || operation.startsWith("List")
                || operation.startsWith("Select"));
    }

    private void record(String operation, Object request, Bucket before) {
        String bucketName = buckets.resolve(member(request, "Bucket")); // an access point alias: its bucket
        if (bucketName == null) {
            return;
        }
        Bucket b = store.buckets.get(bucketName);
        List<String> keys = keys(request);
        if (keys.isEmpty()) {
            records.bucket(bucketName, b, before);
            if (b != null && operation.equals("DeleteBucket")) {
                records.uploads(b, null);
            }
            return;
        }
        if (b == null) {
            return;
        }
        for (String key : keys) {
            records.key(b, key);
        }
        if (operation.contains("Multipart") || operation.startsWith("UploadPart")) {
            records.uploads(b, keys.get(0));
        }
    }

    private static List<String> keys(Object request) {
        if (request instanceof DeleteObjectsRequest d) {
            List<String> out = new ArrayList<>();
            if (d.delete() != null) {
                d.delete().objects().forEach(o -> out.add(o.key()));
            }
            return out;
        }
        String key = member(request, "Key");
        return key == null ? List.of() : List.of(key);
    }

    private static String member(Object request, String name) {
        if (request instanceof SdkPojo pojo) {
            SdkField<?> f = FIELDS.computeIfAbsent(request.getClass(), c -> byName(pojo)).get(name);
            if (f != null) {
                Object v = f.getValueOrDefault(pojo);
                return v instanceof String s ? s : null;
            }
        }
        return null;
    }

    /** Each request class's members by name, looked up once rather than scanned on every write. */
    private static final Map<Class<?>, Map<String, SdkField<?>>> FIELDS = new ConcurrentHashMap<>();

    private static Map<String, SdkField<?>> byName(SdkPojo pojo) {
        Map<String, SdkField<?>> out = new HashMap<>();
        for (SdkField<?> f : pojo.sdkFields()) {
            out.putIfAbsent(f.memberName(), f);
        }
        return out;
    }
}
