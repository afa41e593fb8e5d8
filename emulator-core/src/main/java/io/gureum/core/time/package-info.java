/**
 * The one clock behind every timestamp, timeout, TTL and state transition in Gureum. It can be moved
 * forward (never back) so that time-based behaviour is testable without sleeping.
 */
package io.gureum.core.time;
