// The plugin's public surface: the CLI loads `provider` through package.json's `kopsx.provider`.
export {provider} from './provider.js';
