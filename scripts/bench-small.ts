import { benchRooms } from './lib/bench-rooms';
console.log(JSON.stringify(await benchRooms()));
