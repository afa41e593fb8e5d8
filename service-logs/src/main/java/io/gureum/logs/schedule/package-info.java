/** Schedule expressions of scheduled queries: {@code rate(…)} and AWS's six-field {@code cron(…)}. */
package io.gureum.logs.schedule;
