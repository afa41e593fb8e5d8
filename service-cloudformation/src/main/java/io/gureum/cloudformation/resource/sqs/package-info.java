/** Resource handlers of SQS, through the in-process {@code SqsClient}. */
package io.gureum.cloudformation.resource.sqs;
