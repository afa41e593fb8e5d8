/** IAM and STS: identities, credentials and (later) the policy engine. */
package io.gureum.iam;
