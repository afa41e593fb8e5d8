package io.gureum.kms;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * An import token of GetParametersForImport as {@code --data-dir} keeps it: the token (Base64), the key it
 * is for, the private half of its RSA wrapping key (PKCS#8, Base64 — unencrypted, like key material) and
 * the wrapping algorithm, and when it stops being valid on the clock (24 hours after it was issued).
 */
record KmsImportTokenRecord(String token, String keyId, String wrappingKey, String algorithm, Instant validTo) {

    static KmsImportTokenRecord of(String token, Imports.Parameters p) {
        return new KmsImportTokenRecord(token, p.keyId(),
                Base64.getEncoder().encodeToString(p.wrappingKey().getEncoded()), p.algorithm(), p.validTo());
    }

    Imports.Parameters toParameters(String account, String region) {
        try {
            var key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(wrappingKey)));
            return new Imports.Parameters(account, region, keyId, key, algorithm, validTo);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Unreadable wrapping key in an import token record", e);
        }
    }
}
