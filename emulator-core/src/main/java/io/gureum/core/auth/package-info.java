/** Request identity: SigV4 parsing and verification, and access keys to accounts. */
package io.gureum.core.auth;
