/**
 * Stacks and their deployment: the state per account and region, the dependency graph, and the runs that
 * create, update, roll back and delete resources on worker threads, recording AWS's events.
 */
package io.gureum.cloudformation.engine;
