/** Resource handlers of S3, through the in-process {@code S3Client}. */
package io.gureum.cloudformation.resource.s3;
