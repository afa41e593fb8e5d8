/** Build-time helpers run by Maven, not at run time. */
package io.gureum.dynamodb.build;
