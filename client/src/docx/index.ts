export * from './noticeDocx';
