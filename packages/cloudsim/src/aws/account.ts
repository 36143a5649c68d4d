/** The simulated AWS account, as STS GetCallerIdentity reports it and as every ARN and owner ID says. */
export const AWS_ACCOUNT_ID = '123456789012';
