package io.gureum.kms;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A grant on a key (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html). Gureum records
 * and lists grants and checks their tokens; it does not authorize with them (no IAM evaluation here).
 *
 * @param contextSubset the EncryptionContextSubset constraint, or null
 * @param contextEquals the EncryptionContextEquals constraint, or null
 */
record Grant(String keyId, String grantId, String name, Instant creationDate, String granteePrincipal,
        String retiringPrincipal, String issuingAccount, List<String> operations, Map<String, String> contextSubset,
        Map<String, String> contextEquals) {
}
