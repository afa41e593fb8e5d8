package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.events.CertificateUse;
import io.gureum.core.spi.Caller;
import io.gureum.ec2common.Ec2Errors;
import io.gureum.vpc.model.EnclaveCertificateAssociation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleRequest;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;
import software.amazon.awssdk.services.ec2.model.DisassociateEnclaveCertificateIamRoleRequest;
import software.amazon.awssdk.services.ec2.model.DisassociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.GetAssociatedEnclaveCertificateIamRolesRequest;
import software.amazon.awssdk.services.ec2.model.GetAssociatedEnclaveCertificateIamRolesResponse;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * ACM for Nitro Enclaves (https://docs.aws.amazon.com/enclaves/latest/user/nitro-enclave-refapp.html): an IAM role
 * associated with an ACM certificate of the caller's. The certificate is checked through an in-process
 * {@code AcmClient} (it must exist and be issued), the role through an in-process {@code IamClient}; the
 * certificate is then in use by the role (core's {@link CertificateUse}), so ACM lists the role in its
 * {@code InUseBy} and refuses to delete it until the role is disassociated.
 *
 * <p>AWS places the certificate, its chain and its private key (encrypted with an AWS managed KMS key) in an
 * AWS-owned S3 bucket of the Region, under {@code <role-arn>/<certificate-arn>}. Gureum answers the same bucket
 * name, object key and a KMS key ID, but places no object and makes no key: the bucket and key belong to AWS's own
 * account, which Gureum does not have, and ACM does not hand out the private key of a certificate to another service
 * (see docs/services/ec2.md).
 */
public final class EnclaveCertificates {
    /** "You can associate up to 16 IAM roles with an ACM certificate" (the API reference's RoleArn). */
    static final int MAX_ROLES = 16;
    private static final String PRINCIPAL = "ec2.amazonaws.com";
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::(\\d{12}):role/(?:[^/]+/)*([^/]+)");
    private static final Pattern CERTIFICATE_ARN = Pattern.compile(
            "arn:aws[a-z-]*:acm:[a-z0-9-]+:\\d{12}:certificate/[0-9a-f-]+");

    private final Network net;

    EnclaveCertificates(Network net) {
        this.net = net;
    }

    /**
     * The AWS-owned bucket ACM for Nitro Enclaves uses in a Region. The documentation's example shows
     * {@code aws-ec2-enclave-certificate-<region>}; the buckets AWS's own agent downloads from are named
     * {@code aws-ec2-enclave-certificate-<region>-prod} (reported from us-east-1 and eu-west-1), which Gureum answers.
     */
    static String bucket(String region) {
        return "aws-ec2-enclave-certificate-" + region + "-prod";
    }

    private static AwsException needs(String service) {
        return new AwsException("NotImplemented", "ACM for Nitro Enclaves needs " + service
                + ", which is not enabled in this run (see --services).", 501, false);
    }

    /** The certificate, checked: of the caller's account and Region in ACM, and issued. */
    private void requireCertificate(VpcStore s, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw Ec2Errors.missing("CertificateArn");
        }
        if (!CERTIFICATE_ARN.matcher(arn).matches()) {
            throw Ec2Errors.invalidParameterValue("The certificate ARN " + arn + " is not valid.");
        }
        if (!net.ctx.clients().serves(AcmClient.class)) {
            throw needs("ACM");
        }
        AcmClient acm = net.ctx.clients().client(AcmClient.class, Caller.service(PRINCIPAL, s.account, s.region,
                null));
        String status;
        try {
            status = acm.describeCertificate(b -> b.certificateArn(arn)).certificate().statusAsString();
        } catch (AwsServiceException e) {
            throw Ec2Errors.invalidParameterValue("Certificate " + arn + " does not exist");
        }
        if (!"ISSUED".equals(status)) {
            throw Ec2Errors.invalidParameterValue("Certificate " + arn + " is not issued (its status is " + status
                    + ")");
        }
    }

    /** The role, checked: it exists in IAM (in the account its ARN names, with that path). */
    private void requireRole(VpcStore s, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw Ec2Errors.missing("RoleArn");
        }
        Matcher m = ROLE_ARN.matcher(arn);
        if (!m.matches()) {
            throw Ec2Errors.invalidParameterValue("The role ARN " + arn + " is not valid.");
        }
        if (!net.ctx.clients().serves(IamClient.class)) {
            throw needs("IAM");
        }
        IamClient iam = net.ctx.clients().client(IamClient.class, Caller.service(PRINCIPAL, m.group(1), s.region,
                null));
        String found;
        try {
            found = iam.getRole(b -> b.roleName(m.group(2))).role().arn();
        } catch (AwsServiceException e) {
            found = null;
        }
        if (!arn.equals(found)) {
            throw Ec2Errors.invalidParameterValue("Role " + arn + " does not exist");
        }
    }

    private static String key(String certificateArn, String roleArn) {
        return certificateArn + "|" + roleArn;
    }

    private List<EnclaveCertificateAssociation> of(VpcStore s, String certificateArn) {
        return s.enclaveCertificateAssociations.values().stream()
                .filter(a -> a.certificateArn.equals(certificateArn)).toList();
    }

    /** A new ID of the form of a KMS key ID (a UUID), from core's generator. */
    private String kmsKeyId() {
        var ids = net.ctx.ids();
        return ids.hex(8) + "-" + ids.hex(4) + "-" + ids.hex(4) + "-" + ids.hex(4) + "-" + ids.hex(12);
    }

    public AssociateEnclaveCertificateIamRoleResponse associateEnclaveCertificateIamRole(
            AssociateEnclaveCertificateIamRoleRequest r) {
        VpcStore s = net.store();
        if (r.certificateArn() == null) {
            throw Ec2Errors.missing("CertificateArn");
        }
        if (r.roleArn() == null) {
            throw Ec2Errors.missing("RoleArn");
        }
        requireCertificate(s, r.certificateArn());
        requireRole(s, r.roleArn());
        Ec2Errors.checkDryRun(r.dryRun());
        EnclaveCertificateAssociation a = s.enclaveCertificateAssociations.get(key(r.certificateArn(), r.roleArn()));
        if (a == null) {
            List<EnclaveCertificateAssociation> others = of(s, r.certificateArn());
            if (others.size() >= MAX_ROLES) {
                throw Ec2Errors.invalidParameterValue("You can associate up to " + MAX_ROLES
                        + " IAM roles with an ACM certificate.");
            }
            a = new EnclaveCertificateAssociation(key(r.certificateArn(), r.roleArn()), s.account, net.now());
            a.certificateArn = r.certificateArn();
            a.roleArn = r.roleArn();
            a.bucket = bucket(s.region);
            a.objectKey = r.roleArn() + "/" + r.certificateArn();
            // The private key of a certificate is encrypted with one AWS managed key, whichever role reads it.
            a.kmsKeyId = others.isEmpty() ? kmsKeyId() : others.get(0).kmsKeyId;
            s.enclaveCertificateAssociations.put(a.id, a);
            net.ctx.events().publish(CertificateUse.start(a.certificateArn, a.roleArn));
        }
        return AssociateEnclaveCertificateIamRoleResponse.builder().certificateS3BucketName(a.bucket)
                .certificateS3ObjectKey(a.objectKey).encryptionKmsKeyId(a.kmsKeyId).build();
    }

    public DisassociateEnclaveCertificateIamRoleResponse disassociateEnclaveCertificateIamRole(
            DisassociateEnclaveCertificateIamRoleRequest r) {
        VpcStore s = net.store();
        if (r.certificateArn() == null) {
            throw Ec2Errors.missing("CertificateArn");
        }
        if (r.roleArn() == null) {
            throw Ec2Errors.missing("RoleArn");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        EnclaveCertificateAssociation a = s.enclaveCertificateAssociations.get(key(r.certificateArn(), r.roleArn()));
        if (a == null) {
            throw Ec2Errors.invalidParameterValue("The IAM role " + r.roleArn() + " is not associated with the "
                    + "certificate " + r.certificateArn());
        }
        s.enclaveCertificateAssociations.remove(a.id);
        net.ctx.events().publish(CertificateUse.stop(a.certificateArn, a.roleArn));
        return DisassociateEnclaveCertificateIamRoleResponse.builder().returnValue(true).build();
    }

    public GetAssociatedEnclaveCertificateIamRolesResponse getAssociatedEnclaveCertificateIamRoles(
            GetAssociatedEnclaveCertificateIamRolesRequest r) {
        VpcStore s = net.store();
        if (r.certificateArn() == null) {
            throw Ec2Errors.missing("CertificateArn");
        }
        if (!CERTIFICATE_ARN.matcher(r.certificateArn()).matches()) {
            throw Ec2Errors.invalidParameterValue("The certificate ARN " + r.certificateArn() + " is not valid.");
        }
        Ec2Errors.checkDryRun(r.dryRun());
        return GetAssociatedEnclaveCertificateIamRolesResponse.builder().associatedRoles(of(s, r.certificateArn())
                .stream().map(a -> AssociatedRole.builder().associatedRoleArn(a.roleArn)
                        .certificateS3BucketName(a.bucket).certificateS3ObjectKey(a.objectKey)
                        .encryptionKmsKeyId(a.kmsKeyId).build()).toList()).build();
    }
}
