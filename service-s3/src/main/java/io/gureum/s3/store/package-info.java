/** S3's state: buckets and object metadata in memory, object bytes in files named by generated IDs. */
package io.gureum.s3.store;
