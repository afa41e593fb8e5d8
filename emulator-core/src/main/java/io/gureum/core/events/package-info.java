/**
 * In-process publish/subscribe for effects that cross services (an S3 upload notifying SQS, SNS
 * delivering to Lambda), so no service reaches into another's store.
 */
package io.gureum.core.events;
