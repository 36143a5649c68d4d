export {buildModel} from './build-model.js';
export type {AwsModelInput} from './model-context.js';
