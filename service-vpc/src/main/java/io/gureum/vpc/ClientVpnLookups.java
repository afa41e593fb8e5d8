package io.gureum.vpc;

import io.gureum.core.error.AwsException;
import io.gureum.core.events.CertificateUse;
import io.gureum.core.spi.Caller;
import io.gureum.ec2common.Ec2Errors;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.GetCertificateResponse;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * What Client VPN reads from other services, through their in-process clients as the endpoint's account
 * (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/what-is.html): ACM certificates (server and client root
 * chain), IAM SAML providers, the Lambda client connect handler and the connection log group. A service left out
 * of the run (see {@code --services}) makes the option that needs it answer 501, never a fake success.
 */
final class ClientVpnLookups {
    private final Network net;

    ClientVpnLookups(Network net) {
        this.net = net;
    }

    private static AwsException needs(String option, String service) {
        return new AwsException("NotImplemented", option + " needs " + service
                + ", which is not enabled in this run (see --services).", 501, false);
    }

    private AcmClient acm(VpcStore s, String option) {
        if (!net.ctx.clients().serves(AcmClient.class)) {
            throw needs(option, "ACM");
        }
        return net.ctx.clients().client(AcmClient.class, Caller.service("ec2.amazonaws.com", s.account, s.region,
                null));
    }

    /**
     * An ACM certificate the endpoint may use: it exists in the caller's account and region, is issued (an
     * imported certificate is), and has a domain name, as AWS requires of a Client VPN server certificate.
     */
    void requireCertificate(VpcStore s, String arn, String parameter) {
        if (arn == null || arn.isEmpty()) {
            throw Ec2Errors.missing(parameter);
        }
        AcmClient acm = acm(s, parameter);
        CertificateDetail c;
        try {
            c = acm.describeCertificate(b -> b.certificateArn(arn)).certificate();
        } catch (software.amazon.awssdk.services.acm.model.ResourceNotFoundException
                | software.amazon.awssdk.services.acm.model.InvalidArnException e) {
            throw Ec2Errors.invalidParameterValue("Certificate " + arn + " does not exist");
        }
        if (!"ISSUED".equals(c.statusAsString())) {
            throw Ec2Errors.invalidParameterValue("Certificate " + arn + " is not issued (its status is "
                    + c.statusAsString() + ")");
        }
        if (c.domainName() == null || c.domainName().isEmpty()) {
            throw Ec2Errors.invalidParameterValue("Certificate " + arn + " does not have a domain");
        }
    }

    /** The PEM chain that signs the server certificate, as the exported configuration's {@code <ca>} block. */
    String caChain(VpcStore s, String serverCertificateArn) {
        GetCertificateResponse c = acm(s, "ExportClientVpnClientConfiguration").getCertificate(b -> b
                .certificateArn(serverCertificateArn));
        String chain = c.certificateChain();
        return chain != null && !chain.isBlank() ? chain : c.certificate();
    }

    /** An IAM SAML provider of the account (federated authentication). */
    void requireSamlProvider(VpcStore s, String arn, String parameter) {
        if (arn == null || arn.isEmpty()) {
            throw Ec2Errors.missing(parameter);
        }
        if (!net.ctx.clients().serves(IamClient.class)) {
            throw needs(parameter, "IAM");
        }
        IamClient iam = net.ctx.clients().client(IamClient.class, Caller.service("ec2.amazonaws.com", s.account,
                s.region, null));
        try {
            iam.getSAMLProvider(b -> b.samlProviderArn(arn));
        } catch (software.amazon.awssdk.services.iam.model.NoSuchEntityException
                | software.amazon.awssdk.services.iam.model.InvalidInputException e) {
            throw Ec2Errors.invalidParameterValue("The SAML provider " + arn + " does not exist");
        }
    }

    /**
     * The client connect handler: a Lambda function whose name begins with {@code AWSClientVPN-}
     * (https://docs.aws.amazon.com/vpn/latest/clientvpn-admin/connection-authorization.html).
     */
    void requireConnectHandler(VpcStore s, String arn) {
        if (arn == null || arn.isEmpty()) {
            throw Ec2Errors.missing("ClientConnectOptions.LambdaFunctionArn");
        }
        String[] parts = arn.split(":");
        if (parts.length < 7 || !arn.startsWith("arn:") || !"lambda".equals(parts[2]) || !"function".equals(parts[5])) {
            throw Ec2Errors.invalidValue(arn, "ClientConnectOptions.LambdaFunctionArn", "It is not a Lambda "
                    + "function ARN.");
        }
        if (!parts[6].startsWith("AWSClientVPN-")) {
            throw Ec2Errors.invalidParameterValue("The name of the client connect handler " + parts[6]
                    + " must begin with AWSClientVPN-");
        }
        if (!net.ctx.clients().serves(LambdaClient.class)) {
            throw needs("ClientConnectOptions", "Lambda");
        }
        LambdaClient lambda = net.ctx.clients().client(LambdaClient.class, Caller.service("ec2.amazonaws.com",
                s.account, s.region, null));
        try {
            lambda.getFunction(b -> b.functionName(arn));
        } catch (software.amazon.awssdk.services.lambda.model.ResourceNotFoundException e) {
            throw Ec2Errors.invalidParameterValue("The client connect handler " + arn + " does not exist");
        }
    }

    /** The connection log group (and stream, when named) exist in CloudWatch Logs. */
    void requireLogDestination(VpcStore s, String group, String stream) {
        if (group == null || group.isEmpty()) {
            throw Ec2Errors.missing("ConnectionLogOptions.CloudwatchLogGroup");
        }
        if (!net.ctx.clients().serves(CloudWatchLogsClient.class)) {
            throw needs("ConnectionLogOptions", "CloudWatch Logs");
        }
        CloudWatchLogsClient logs = net.ctx.clients().client(CloudWatchLogsClient.class, Caller.service(
                "ec2.amazonaws.com", s.account, s.region, null));
        boolean groupFound = logs.describeLogGroups(b -> b.logGroupNamePrefix(group)).logGroups().stream()
                .anyMatch(g -> g.logGroupName().equals(group));
        if (!groupFound) {
            throw Ec2Errors.invalidParameterValue("The CloudWatch Logs log group " + group + " does not exist");
        }
        if (stream != null && !stream.isEmpty()) {
            boolean streamFound = logs.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix(stream))
                    .logStreams().stream().anyMatch(x -> x.logStreamName().equals(stream));
            if (!streamFound) {
                throw Ec2Errors.invalidParameterValue("The CloudWatch Logs log stream " + stream
                        + " does not exist in log group " + group);
            }
        }
    }

    /** The certificates the endpoint uses: its server certificate and its client root chains. */
    private static java.util.Set<String> certificates(io.gureum.vpc.model.ClientVpnEndpoint e) {
        java.util.Set<String> arns = new java.util.LinkedHashSet<>();
        if (e.serverCertificateArn != null) {
            arns.add(e.serverCertificateArn);
        }
        for (var a : e.authentication) {
            if (a.clientRootCertificateChainArn != null) {
                arns.add(a.clientRootCertificateChainArn);
            }
        }
        return arns;
    }

    /**
     * Lists the endpoint in its certificates' {@code InUseBy} (core's {@link CertificateUse} event, which ACM hears
     * when it is served), as AWS does, so that ACM refuses to delete them meanwhile.
     */
    void markInUse(VpcStore s, io.gureum.vpc.model.ClientVpnEndpoint e) {
        String user = net.arn(s, "client-vpn-endpoint/" + e.id);
        certificates(e).forEach(arn -> net.ctx.events().publish(CertificateUse.start(arn, user)));
    }

    /** Ends {@link #markInUse}: the endpoint is deleted or uses another server certificate. */
    void release(VpcStore s, io.gureum.vpc.model.ClientVpnEndpoint e) {
        String user = net.arn(s, "client-vpn-endpoint/" + e.id);
        certificates(e).forEach(arn -> net.ctx.events().publish(CertificateUse.stop(arn, user)));
    }
}
