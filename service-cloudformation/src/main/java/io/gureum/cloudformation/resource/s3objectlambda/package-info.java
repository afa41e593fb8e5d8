/** Resource handlers of S3 Object Lambda, through the in-process {@code S3ControlClient}. */
package io.gureum.cloudformation.resource.s3objectlambda;
