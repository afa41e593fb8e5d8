/**
 * Amazon S3: the handler ({@link io.gureum.s3.S3Handler}, wire) over behaviour classes (buckets,
 * objects, listing, multipart, lifecycle, Object Lock, notifications) over the store.
 */
package io.gureum.s3;
