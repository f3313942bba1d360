export { SlidingWindowLimiter, type RateDecision, type RateLimit } from './slidingWindowLimiter';
export { describeRetry } from './describeRetry';
