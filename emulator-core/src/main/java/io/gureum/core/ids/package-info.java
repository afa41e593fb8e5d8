/**
 * Resource IDs, request IDs, access keys and ARNs. Services build them only through this package,
 * never by string concatenation.
 */
package io.gureum.core.ids;
