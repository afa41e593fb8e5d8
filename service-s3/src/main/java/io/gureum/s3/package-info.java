/**
 * Amazon S3: providers by operation family ({@link io.gureum.s3.BucketOperations},
 * {@link io.gureum.s3.ObjectReads}, {@link io.gureum.s3.ObjectWrites}, the {@code *Config} families …), wire
 * only, over behaviour classes (buckets, objects, listing, multipart, lifecycle, Object Lock,
 * notifications) over the store. {@link io.gureum.s3.S3Instance} wires one running S3.
 */
package io.gureum.s3;
