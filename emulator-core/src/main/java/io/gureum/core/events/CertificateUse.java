package io.gureum.core.events;

import java.util.Objects;

/**
 * A service starts or stops using an ACM certificate (a Client VPN endpoint's server or client root
 * certificate, a load balancer listener's): published on the {@link EventBus} by that service, so that ACM,
 * when served, lists {@code userArn} in the certificate's {@code InUseBy} and refuses to delete it while it
 * is used (DeleteCertificate's ResourceInUseException). Delivery is synchronous: when {@code publish}
 * returns, DescribeCertificate shows the change. An ARN ACM does not hold is ignored, so the publisher
 * checks the certificate first (DescribeCertificate through its in-process {@code AcmClient}).
 *
 * @param certificateArn the certificate's ARN
 * @param userArn the ARN of the resource that uses it, as AWS lists it in InUseBy
 * @param inUse true when the resource starts using the certificate, false when it stops
 */
public record CertificateUse(String certificateArn, String userArn, boolean inUse) {
    public CertificateUse {
        Objects.requireNonNull(certificateArn, "certificateArn");
        Objects.requireNonNull(userArn, "userArn");
    }

    /** {@code userArn} starts using the certificate. */
    public static CertificateUse start(String certificateArn, String userArn) {
        return new CertificateUse(certificateArn, userArn, true);
    }

    /** {@code userArn} stops using the certificate. */
    public static CertificateUse stop(String certificateArn, String userArn) {
        return new CertificateUse(certificateArn, userArn, false);
    }
}
