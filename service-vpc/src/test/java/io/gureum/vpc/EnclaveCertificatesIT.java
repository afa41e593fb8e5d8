package io.gureum.vpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.gureum.acm.AcmService;
import io.gureum.core.Gureum;
import io.gureum.core.testing.AwsClients;
import io.gureum.iam.IamService;
import io.gureum.junit5.GureumExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AssociateEnclaveCertificateIamRoleResponse;
import software.amazon.awssdk.services.ec2.model.AssociatedRole;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * ACM for Nitro Enclaves through the SDK: IAM roles associated with an ACM certificate (checked through ACM and IAM
 * served beside the EC2 API), the documented bucket, object key and KMS key ID, and the certificate in use by the
 * roles in ACM until they are disassociated.
 */
class EnclaveCertificatesIT {
    private static final AtomicLong ACCOUNTS = new AtomicLong(520000000000L + (System.nanoTime() % 1000) * 1000000);
    private static final String REGION = "eu-central-1";
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

    @RegisterExtension
    static final GureumExtension aws = GureumExtension.builder()
            .services(new VpcService(), new AcmService(), new IamService()).build();
    static Gureum gureum;

    @BeforeAll
    static void start() {
        gureum = aws.gureum();
    }

    private static String newAccount() {
        return String.valueOf(ACCOUNTS.incrementAndGet());
    }

    private static Ec2Client ec2(String account) {
        return AwsClients.client(Ec2Client.builder(), gureum.endpoint(), account, REGION);
    }

    private static AcmClient acm(String account) {
        return AwsClients.client(AcmClient.builder(), gureum.endpoint(), account, REGION);
    }

    private static IamClient iam(String account) {
        return AwsClients.client(IamClient.builder(), gureum.endpoint(), account, "us-east-1");
    }

    static String importCertificate(AcmClient acm) {
        try (var c = EnclaveCertificatesIT.class.getResourceAsStream("certs/app.crt");
                var k = EnclaveCertificatesIT.class.getResourceAsStream("certs/app.key")) {
            byte[] crt = c.readAllBytes();
            byte[] key = k.readAllBytes();
            return acm.importCertificate(b -> b.certificate(SdkBytes.fromByteArray(crt))
                    .privateKey(SdkBytes.fromByteArray(key))).certificateArn();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String role(IamClient iam, String path, String name) {
        return iam.createRole(b -> b.path(path).roleName(name).assumeRolePolicyDocument(TRUST)).role().arn();
    }

    private static String fails(String code, int status, Executable call) {
        AwsServiceException e = assertThrows(AwsServiceException.class, call);
        assertEquals(code, e.awsErrorDetails().errorCode(), e.getMessage());
        assertEquals(status, e.statusCode(), e.getMessage());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void rolesAreAssociatedAndTheCertificateIsInUseUntilTheyGo() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        AcmClient acm = acm(account);
        String cert = importCertificate(acm);
        String role = role(iam(account), "/enclaves/", "acm-role");
        String other = role(iam(account), "/", "other-role");
        assertEquals("arn:aws:iam::" + account + ":role/enclaves/acm-role", role);

        fails("DryRunOperation", 412, () -> ec2.associateEnclaveCertificateIamRole(b -> b.certificateArn(cert)
                .roleArn(role).dryRun(true)));
        AssociateEnclaveCertificateIamRoleResponse a = ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(role));
        assertEquals("aws-ec2-enclave-certificate-" + REGION + "-prod", a.certificateS3BucketName());
        assertEquals(role + "/" + cert, a.certificateS3ObjectKey());
        assertTrue(a.encryptionKmsKeyId().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"),
                a.encryptionKmsKeyId());
        // Associating again answers the same; a second role shares the certificate's key, under its own object.
        AssociateEnclaveCertificateIamRoleResponse again = ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(role));
        assertEquals(List.of(a.certificateS3BucketName(), a.certificateS3ObjectKey(), a.encryptionKmsKeyId()),
                List.of(again.certificateS3BucketName(), again.certificateS3ObjectKey(), again.encryptionKmsKeyId()));
        AssociateEnclaveCertificateIamRoleResponse second = ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(other));
        assertEquals(a.encryptionKmsKeyId(), second.encryptionKmsKeyId());
        assertEquals(other + "/" + cert, second.certificateS3ObjectKey());

        List<AssociatedRole> roles = ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert))
                .associatedRoles();
        assertEquals(List.of(role, other), roles.stream().map(AssociatedRole::associatedRoleArn).toList());
        assertEquals(a.certificateS3ObjectKey(), roles.get(0).certificateS3ObjectKey());
        assertEquals(a.certificateS3BucketName(), roles.get(0).certificateS3BucketName());
        assertEquals(a.encryptionKmsKeyId(), roles.get(1).encryptionKmsKeyId());

        // ACM lists the roles as the certificate's users and keeps it while they are associated.
        assertEquals(java.util.Set.of(role, other), java.util.Set.copyOf(acm.describeCertificate(b -> b
                .certificateArn(cert)).certificate().inUseBy()));
        fails("ResourceInUseException", 400, () -> acm.deleteCertificate(b -> b.certificateArn(cert)));

        fails("DryRunOperation", 412, () -> ec2.disassociateEnclaveCertificateIamRole(b -> b.certificateArn(cert)
                .roleArn(role).dryRun(true)));
        assertTrue(ec2.disassociateEnclaveCertificateIamRole(b -> b.certificateArn(cert).roleArn(role))
                .returnValue());
        fails("InvalidParameterValue", 400, () -> ec2.disassociateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(role)));
        assertEquals(List.of(other), ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert))
                .associatedRoles().stream().map(AssociatedRole::associatedRoleArn).toList());
        ec2.disassociateEnclaveCertificateIamRole(b -> b.certificateArn(cert).roleArn(other));
        assertTrue(acm.describeCertificate(b -> b.certificateArn(cert)).certificate().inUseBy().isEmpty());
        assertTrue(ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert)).associatedRoles()
                .isEmpty());
        acm.deleteCertificate(b -> b.certificateArn(cert));
    }

    @Test
    void theCertificateAndRoleMustExist() {
        String account = newAccount();
        Ec2Client ec2 = ec2(account);
        String cert = importCertificate(acm(account));
        String role = role(iam(account), "/", "enclave");
        String missingCert = cert.replaceAll("/[0-9a-f-]+$", "/00000000-0000-0000-0000-000000000000");
        assertTrue(fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(missingCert).roleArn(role))).contains(missingCert));
        // Another account's certificate is not the caller's.
        fails("InvalidParameterValue", 400, () -> ec2(newAccount()).associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(role)));
        fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn("arn:aws:iam::" + account + ":role/nobody")));
        // The path is part of the role's ARN.
        fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn("arn:aws:iam::" + account + ":role/elsewhere/enclave")));
        fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn("not-an-arn").roleArn(role)));
        fails("MissingParameter", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b.certificateArn(cert)));
        fails("MissingParameter", 400, () -> ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.dryRun(false)));
        // A certificate ACM has not issued (a requested one awaiting validation) cannot be used.
        String pending = acm(account).requestCertificate(b -> b.domainName("enclave.example.com")
                .validationMethod("DNS")).certificateArn();
        assertTrue(fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(pending).roleArn(role))).contains("PENDING_VALIDATION"));

        // Up to 16 roles per certificate.
        IamClient iam = iam(account);
        for (int i = 0; i < EnclaveCertificates.MAX_ROLES; i++) {
            String r = role(iam, "/", "r" + i);
            ec2.associateEnclaveCertificateIamRole(b -> b.certificateArn(cert).roleArn(r));
        }
        String seventeenth = role(iam, "/", "r16");
        fails("InvalidParameterValue", 400, () -> ec2.associateEnclaveCertificateIamRole(b -> b
                .certificateArn(cert).roleArn(seventeenth)));
        assertNotEquals(0, ec2.getAssociatedEnclaveCertificateIamRoles(b -> b.certificateArn(cert))
                .associatedRoles().size());
    }
}
