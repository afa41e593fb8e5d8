/**
 * S3 Select ({@code SelectObjectContent}): the SQL subset S3 runs over one CSV or JSON object, the readers of
 * its input formats and the event-stream answer.
 */
package io.gureum.s3.select;
