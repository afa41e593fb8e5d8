/** Handlers of the {@code AWS::S3Express::*} types: directory buckets (S3 Express One Zone) through S3. */
package io.gureum.cloudformation.resource.s3express;
