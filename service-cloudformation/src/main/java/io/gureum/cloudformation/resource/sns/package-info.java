/** Resource handlers of SNS, through the in-process {@code SnsClient}. */
package io.gureum.cloudformation.resource.sns;
