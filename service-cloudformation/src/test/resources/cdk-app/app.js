// A CDK app as the course writes one: a VPC, a bucket and a function, synthesised to cdk.out (CDK_OUTDIR).
const cdk = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const s3 = require('aws-cdk-lib/aws-s3');
const lambda = require('aws-cdk-lib/aws-lambda');

const app = new cdk.App({ analyticsReporting: false });
const stack = new cdk.Stack(app, process.env.STACK_NAME || 'CourseCdkStack', {
  synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
});
const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1, restrictDefaultSecurityGroup: false });
const bucket = new s3.Bucket(stack, 'Bucket', { versioned: true });
const fn = new lambda.Function(stack, 'Fn', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'index.handler',
  code: lambda.Code.fromInline('def handler(event, context):\n    return {"ok": True}\n'),
  environment: { BUCKET: bucket.bucketName },
});
bucket.grantRead(fn);
new cdk.CfnOutput(stack, 'VpcId', { value: vpc.vpcId });
new cdk.CfnOutput(stack, 'BucketName', { value: bucket.bucketName });
new cdk.CfnOutput(stack, 'FunctionName', { value: fn.functionName });
app.synth();
