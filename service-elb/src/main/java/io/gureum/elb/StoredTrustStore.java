package io.gureum.elb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A trust store as stored (and journaled as JSON): the CA certificates bundle as ELB read it from S3 (later changes
 * to the S3 object do not change it, as on AWS), and the revocation lists added to it. Guarded by the state's lock.
 */
public final class StoredTrustStore {
    public String arn;
    public String name;
    public Instant created;
    /** When the trust store leaves {@code CREATING} for {@code ACTIVE} on the core clock. */
    public Instant activeAt;
    /** The PEM bundle's text as read from S3. */
    public String bundle;
    public int numberOfCaCertificates;
    public List<Revocation> revocations = new ArrayList<>();
    /** The ID the next revocation file gets (IDs are per trust store, from 1, never reused). */
    public long nextRevocationId = 1;

    /** One revocation file (a CRL) added to the trust store. */
    public static final class Revocation {
        public long id;
        public String type = "CRL";
        /** The file's bytes, base64. */
        public String content;
        public long entries;
    }

    String status(Instant now) {
        return now.isBefore(activeAt) ? "CREATING" : "ACTIVE";
    }

    long totalRevokedEntries() {
        return revocations.stream().mapToLong(r -> r.entries).sum();
    }

    /** {@code truststore/<name>/<id>}: the last part of the ARN. */
    String resource() {
        return arn.substring(arn.indexOf(":truststore/") + 1);
    }
}
