/**
 * AWS Key Management Service: customer and AWS managed keys per account and region, with real
 * cryptography from the JDK (AES-256-GCM, RSA, ECDSA, HMAC, ECDH), aliases, grants, key policies
 * (stored, not evaluated), rotation and scheduled deletion on Gureum's clock. {@link io.gureum.kms.CiphertextBlob}
 * documents the symmetric ciphertext format.
 */
package io.gureum.kms;
