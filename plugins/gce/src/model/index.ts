export {buildModel} from './build-model.js';
