/**
 * Shared state plumbing: stores per account and region (or per account, for global services) and
 * the registry of every resource by ID and ARN, with its tags.
 */
package io.gureum.core.state;
